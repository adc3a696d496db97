-- The dashboard's sessions, so that one can be ended on the server: signing out (or DELETE
-- /api/v1/sessions/{id}) ends it, and a copied cookie stops working at once. The cookie's own signature
-- and expiry still hold; this row is checked besides (DashboardAuth).
CREATE TABLE dashboard_session (
    id          TEXT        PRIMARY KEY,   -- the cookie's nonce (hex): no secret, it is signed
    role        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    ended_at    TIMESTAMPTZ
);
