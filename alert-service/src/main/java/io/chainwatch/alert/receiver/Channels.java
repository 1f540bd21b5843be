package io.chainwatch.alert.receiver;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The notification channels this service has: every {@link ChannelSpec} bean (each channel's notifier). Receivers
 * name one of them; what the channel's {@link ChannelSpec.AddressKind} says decides how their address is checked,
 * whether it is stored encrypted and how it is shown.
 */
@Component
public class Channels {

    private final java.util.function.Supplier<List<? extends ChannelSpec>> specs;
    private volatile TreeMap<String, ChannelSpec> byName;

    /**
     * The channel beans, looked up on first use: some notifiers need the receiver repository, which needs this, so
     * the beans cannot all be handed over at construction.
     */
    @Autowired
    public Channels(ObjectProvider<ChannelSpec> specs) {
        this.specs = () -> specs.orderedStream().toList();
    }

    /** The given channels (tests). */
    public Channels(List<? extends ChannelSpec> specs) {
        this.specs = () -> specs;
        byName();
    }

    private TreeMap<String, ChannelSpec> byName() {
        TreeMap<String, ChannelSpec> known = byName;
        if (known == null) {
            known = new TreeMap<>();
            for (ChannelSpec spec : specs.get()) {
                if (known.put(spec.channel(), spec) != null) {
                    throw new IllegalStateException("two channels named " + spec.channel());
                }
            }
            byName = known;
        }
        return known;
    }

    /** The channels' names, sorted. */
    public Set<String> names() {
        return byName().keySet();
    }

    public boolean known(String channel) {
        return channel != null && byName().containsKey(channel);
    }

    /** Whether {@code channel}'s addresses are URLs carrying a secret (stored encrypted, shown masked). */
    public boolean secretUrl(String channel) {
        ChannelSpec spec = channel == null ? null : byName().get(channel);
        return spec != null && spec.addressKind() == ChannelSpec.AddressKind.SECRET_URL;
    }

    /** Whether {@code channel}'s addresses are phone numbers (SMS). */
    public boolean phone(String channel) {
        ChannelSpec spec = channel == null ? null : byName().get(channel);
        return spec != null && spec.addressKind() == ChannelSpec.AddressKind.PHONE;
    }

    /** The channels whose addresses are secret URLs. */
    public List<String> secretUrlChannels() {
        return byName().values().stream().filter(s -> s.addressKind() == ChannelSpec.AddressKind.SECRET_URL)
                .map(ChannelSpec::channel).toList();
    }

    /**
     * The address as it may be shown: a secret URL masked ({@link ReceiverView#maskUrl}); e-mail addresses and phone
     * numbers as they are. Masking a masked address changes nothing.
     */
    public String maskedAddress(String channel, String address) {
        if (address == null || !secretUrl(channel)) {
            return address;
        }
        return ReceiverView.maskUrl(address, byName().get(channel)::maskedPath);
    }

    /** The receiver as the API shows it. */
    public ReceiverView view(Receiver r, String secretFingerprint) {
        return ReceiverView.of(r, maskedAddress(r.channel(), r.address()), secretFingerprint);
    }

    /** 400 (naming {@code channel} or {@code address}) unless the address fits what the channel expects. */
    public void checkAddressFormat(Receiver receiver) {
        ChannelSpec spec = byName().get(receiver.channel());
        if (spec == null) {
            throw new IllegalArgumentException("channel must be one of " + String.join(", ", names()));
        }
        switch (spec.addressKind()) {
            case EMAIL -> {
                if (!receiver.address().matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("address must be an e-mail address for channel "
                            + spec.channel());
                }
            }
            case PHONE -> {
                if (!receiver.address().matches("\\+?[0-9]{6,16}")) {
                    throw new IllegalArgumentException("address must be a phone number for channel " + spec.channel());
                }
            }
            case SECRET_URL -> {
                // checked by the controller's UrlGuard (scheme, host, resolved addresses)
            }
        }
    }
}
