using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.UnitTests.Persistence;

/// <summary>
/// Only "PostgreSQL is out of reach" is answered "retry later" (the host's StorageOutage, the webhook's store); a
/// statement PostgreSQL refused is not.
/// </summary>
public sealed class StorageOutageClassificationTests
{
    private static readonly PostgresFailureClassifier Classifier = new();

    public static TheoryData<string, Exception> Outages => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection reset mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "command or pool timeout", new NpgsqlException("The operation has timed out", new TimeoutException()) },
        { "server shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown) },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections) },
        { "wrapped by Marten", new MartenCommandException(new NpgsqlCommand("select 1"), new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "wrapped by EF Core", new InvalidOperationException("An exception has been raised", new NpgsqlException("Failed to connect", new TimeoutException())) },
    };

    public static TheoryData<string, Exception> NotOutages => new()
    {
        { "unique violation", new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation) },
        { "NUL in text", new PostgresException("unsupported Unicode escape sequence", "ERROR", "ERROR", PostgresErrorCodes.UntranslatableCharacter) },
        { "missing table", new PostgresException("relation does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable) },
        { "wrapped permanent error", new MartenCommandException(new NpgsqlCommand("select 1"), new PostgresException("duplicate key value", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)) },
        { "not the database", new TimeoutException("An HTTP call timed out") },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_unreachable_database_is_an_outage(string because, Exception failure) => Assert.True(Classifier.IsTransient(failure), because);

    [Theory]
    [MemberData(nameof(NotOutages))]
    public void A_refused_statement_is_not_an_outage(string because, Exception failure) => Assert.False(Classifier.IsTransient(failure), because);
}
