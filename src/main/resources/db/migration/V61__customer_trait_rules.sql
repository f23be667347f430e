-- The merge strategy a merchant declared for a customer trait (displayName, gender, birthday, region, realName);
-- a trait without a row follows its default (TraitField).
CREATE TABLE customer_trait_rule (
    field      text        PRIMARY KEY,
    strategy   text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
);
