/**
 * Tiny shared kernel: API problem types, cursor pages. Nothing feature-specific lives here.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.liuliang.shared;
