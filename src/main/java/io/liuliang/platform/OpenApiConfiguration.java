package io.liuliang.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** OpenAPI description at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "apiToken";

    @Bean
    OpenAPI liuliangOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Liuliang API").version("v1")
                        .description("REST API of Liuliang (留量), the open-source e-commerce CRM. Authenticate with "
                                + "a personal API token (Authorization: Bearer llt_...) created in the console. "
                                + "Errors are RFC 9457 ProblemDetail documents; lists use cursor pagination.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
