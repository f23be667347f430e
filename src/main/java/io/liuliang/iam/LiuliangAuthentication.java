package io.liuliang.iam;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request; its authorities are the caller's permission codes. */
final class LiuliangAuthentication extends AbstractAuthenticationToken {

    private final transient LiuliangPrincipal principal;

    LiuliangAuthentication(LiuliangPrincipal principal) {
        super(principal.permissions().stream().sorted().map(SimpleGrantedAuthority::new).toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public LiuliangPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.username();
    }

    static List<String> permissionCodes(java.util.Collection<Role> roles) {
        return roles.stream().flatMap(r -> r.permissions().stream()).map(Permission::code).distinct().sorted().toList();
    }
}
