package io.liuliang.iam;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Web security: console sessions (Spring Session JDBC, so any instance serves any user) with cookie-to-header
 * CSRF; bearer API tokens without CSRF; permissions checked per endpoint with {@code @PreAuthorize}. Inbound
 * webhooks ({@code /api/v1/webhooks/**}) need neither session nor token nor CSRF: each verifies its signature.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Spring Security observes nothing: its request, authentication and authorization observations are turned off
     * ({@code management.observations.enable.spring.security}), and without this its filter chain would still wrap
     * each of its ~15 filters in a no-op observation on every request. {@code http.server.requests} still times every
     * request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserRepository users, ApiTokenService tokens,
                                            ProblemWriter problems) throws Exception {
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.path("/").sameSite("Lax"));
        http
                .csrf(csrf -> csrf
                        .csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        .ignoringRequestMatchers(BearerToken::present)
                        // platforms' webhooks carry no session; each is verified by its signature instead
                        .ignoringRequestMatchers("/api/v1/webhooks/**")
                        // a message's one-click unsubscribe (RFC 8058) is POSTed by the customer's mail client, with a
                        // signed token instead of a session
                        .ignoringRequestMatchers("/u/**"))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                // sessions are created only by the login endpoint, which also renews the session id
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new LiuliangAuthenticationFilter(users, tokens, problems), CsrfFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // a streamed download finishes on an async dispatch, and errors render on an error dispatch:
                        // the request was authorised when it came in
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC, jakarta.servlet.DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login").permitAll()
                        .requestMatchers("/api/v1/webhooks/**").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/actuator/**").hasAuthority(Permission.SETTINGS_MANAGE.code())
                        .anyRequest().permitAll());
        return http.build();
    }
}
