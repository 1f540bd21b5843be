-- An organization's TLS client certificate (from its TLS CA) for Fabric peers that require client certificates
-- (CORE_PEER_TLS_CLIENTAUTHREQUIRED): optional, next to its MSP identity; the key is an encrypted secret.
alter table fabric_identity add column tls_certificate_pem text;
alter table fabric_identity add column tls_key_secret_id uuid references secret (id);
