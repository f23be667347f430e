/**
 * Runtime platform: configuration, the embedded or external PostgreSQL, the web console's static serving,
 * API error rendering and OpenAPI. Feature modules do not depend on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package io.liuliang.platform;
