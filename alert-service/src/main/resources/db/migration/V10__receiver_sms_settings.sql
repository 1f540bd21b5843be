-- an SMS receiver's own provider account (provider, key id, sender...); its secret is the receiver's encrypted secret
alter table alert.receiver add column sms_settings jsonb;
