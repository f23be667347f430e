package io.liuliang.platform;

/** Where the database is: the embedded server or an external PostgreSQL. */
interface DatabaseServer extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    String description();

    @Override
    void close();

    record External(String jdbcUrl, String user, String password) implements DatabaseServer {

        @Override
        public String description() {
            return "external PostgreSQL at " + jdbcUrl;
        }

        @Override
        public void close() {
            // the external server outlives the application
        }
    }
}
