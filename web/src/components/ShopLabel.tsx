import { Tooltip } from 'antd';
import { useShops } from '../hooks/useShops';
import { shortId } from '../lib/customer';
import { PlatformTag } from './PlatformTag';

/** A shop by id: platform tag and name from the shared shop list, the short id while unknown, or a dash. */
export function ShopLabel({ shopId, tag = true }: { shopId: string | null | undefined; tag?: boolean }) {
  const { byId } = useShops();
  if (!shopId) return <>—</>;
  const shop = byId.get(shopId);
  if (!shop) {
    return (
      <Tooltip title={shopId}>
        <code>{shortId(shopId)}</code>
      </Tooltip>
    );
  }
  return (
    <span className="ll-nowrap">
      {tag && <PlatformTag platform={shop.platform} />}
      {shop.name}
    </span>
  );
}
