using Npgsql;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// The configured PostgreSQL database could not be used at start: unreachable, unknown, the
/// credentials refused, or the schema could not be applied (for example, no right to create tables). The message names the server, database and user, never the password.
/// </summary>
public sealed class PostgreSqlUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    internal static PostgreSqlUnavailableException From(string connectionString, Exception exception)
    {
        var target = Describe(connectionString);
        var reason = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                "the server refused the credentials",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => "the database does not exist",
            PostgresException postgres => $"the server answered {postgres.SqlState}: {postgres.MessageText}",
            ArgumentException => "the connection string is not valid",
            _ => "the server could not be reached",
        };
        return new PostgreSqlUnavailableException($"Cannot use the PostgreSQL database {target}: {reason} ({exception.Message}).", exception);
    }

    internal static PostgreSqlUnavailableException FromSchema(string connectionString, Exception exception) => new(
        $"Cannot use the PostgreSQL database {Describe(connectionString)}: its schema could not be created or upgraded ({exception.Message}).", exception);

    private static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"'{builder.Database}' on {builder.Host}:{builder.Port} as user '{builder.Username}'";
        }
        catch (ArgumentException)
        {
            return "(connection string could not be parsed)";
        }
    }
}
