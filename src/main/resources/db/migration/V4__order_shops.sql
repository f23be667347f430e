-- Shops: a merchant's stores, one per platform account.
CREATE TABLE shop (
    id               uuid PRIMARY KEY,
    platform         text        NOT NULL,
    name             text        NOT NULL,
    timezone         text        NOT NULL DEFAULT 'Asia/Shanghai',
    currency         char(3)     NOT NULL DEFAULT 'CNY',
    platform_shop_id text,
    archived         boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT shop_platform_known CHECK (platform IN ('taobao', 'tmall', 'jd', 'douyin', 'kuaishou', 'youzan',
                                                      'wechat_mini', 'shopify', 'offline', 'other'))
);
CREATE UNIQUE INDEX shop_name_uq ON shop (lower(name));
CREATE UNIQUE INDEX shop_platform_id_uq ON shop (platform, platform_shop_id) WHERE platform_shop_id IS NOT NULL;
