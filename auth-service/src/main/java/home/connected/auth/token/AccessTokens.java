package home.connected.auth.token;

import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access tokens: claims sub, name, groups, perms, iat, exp, iss, aud, jti; header kid. */
@Component
public class AccessTokens {

    private final SigningKeys keys;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, TokenProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** Who a token is for. */
    public record Subject(String username, String displayName, Set<String> groups, Set<String> permissions) {}

    public String issue(Subject subject) {
        SigningKeys.LoadedKey key = keys.current();
        Instant now = clock.instant();
        return Jwts.builder()
                .header()
                .keyId(key.kid())
                .and()
                .subject(subject.username())
                .claim("name", subject.displayName())
                .claim("groups", subject.groups())
                .claim("perms", subject.permissions())
                .issuer(properties.issuer())
                .audience()
                .add(properties.audience())
                .and()
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(properties.accessTokenTtl())))
                .id(UUID.randomUUID().toString())
                .signWith(key.privateKey(), Jwts.SIG.ES256)
                .compact();
    }
}
