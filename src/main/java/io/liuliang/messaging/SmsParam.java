package io.liuliang.messaging;

/** One parameter of a provider SMS template: its name and (in a template) a Mustache expression or (rendered) its value. */
record SmsParam(String name, String value) {
}
