-- Webhook and chat-robot URLs carry their access token (Slack's path, DingTalk access_token, WeCom key), so they are
-- secrets: encrypted at rest like receiver secrets (AES-256-GCM "<keyId>:<base64>", see SecretCipher), decrypted
-- only to send. The plain columns keep the URL masked (what the API shows).
--   receiver.address              for URL channels: the masked URL; e-mail addresses and phone numbers as they are
--   receiver.address_ciphertext   for URL channels: the full URL, encrypted
--   notification_outbox.recipient              for URL channels: the masked URL
--   notification_outbox.recipient_ciphertext   for URL channels: the full URL, encrypted
-- Flyway SQL cannot encrypt with the service's key: rows written before this (URL channel, ciphertext null) are
-- encrypted and their plain URL replaced by the masked one by the service at startup (ReceiverSecrets).
alter table receiver add column address_ciphertext text;
alter table notification_outbox add column recipient_ciphertext text;
