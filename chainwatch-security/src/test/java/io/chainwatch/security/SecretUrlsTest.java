package io.chainwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretUrlsTest {

    @Test
    void keysInUserinfoQueryAndPathAreMasked() {
        assertThat(SecretUrls.mask("https://mainnet.infura.io/v3/9aa3d95b3bc440fa88ea12eaa4456161"))
                .isEqualTo("https://mainnet.infura.io/v3/***");
        assertThat(SecretUrls.mask("https://eth-mainnet.g.alchemy.com/v2/AbCdEf123456GhIjKl7890"))
                .isEqualTo("https://eth-mainnet.g.alchemy.com/v2/***");
        assertThat(SecretUrls.mask("https://user:s3cret@rpc.example.com:8545/")).isEqualTo("https://***@rpc.example.com:8545/");
        assertThat(SecretUrls.mask("https://rpc.example.com/?apikey=abc&chain=1")).isEqualTo("https://rpc.example.com/?apikey=***&chain=1");
        assertThat(SecretUrls.mask("wss://node.example.com/ws?token=xyz#frag")).isEqualTo("wss://node.example.com/ws?token=***#***");
    }

    @Test
    void urlsWithoutKeysStayAsTheyAre() {
        for (String url : new String[] {"http://127.0.0.1:8545", "https://rpc.example.com/eth/mainnet",
                "http://10.0.0.5:9443/metrics", "https://rpc.example.com/?chain=1"}) {
            assertThat(SecretUrls.mask(url)).isEqualTo(url);
            assertThat(SecretUrls.hasSecret(url)).isFalse();
        }
        assertThat(SecretUrls.mask(null)).isNull();
    }
}
