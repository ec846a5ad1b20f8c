using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Marten's logging without parameter values: its default logger writes every failed command with its
/// parameters, and those carry phone numbers (customer link ids) and message text. Failures are logged with the
/// PostgreSQL error code only, at Debug: most are lost races that the caller retries, and callers log what matters.
/// </summary>
public sealed partial class RedactingMartenLogger(ILogger<RedactingMartenLogger> logger) : IMartenLogger, IMartenSessionLogger
{
    /// <summary>Each session's commands carry its tenant for row-level security (<see cref="TenantScope"/>).</summary>
    public IMartenSessionLogger StartSession(IQuerySession session) => new TenantSession(this, session.TenantId);

    public void SchemaChange(string sql) => LogSchemaChange();

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex) => LogCommandFailed(SqlState(ex));

    public void LogFailure(NpgsqlBatch batch, Exception ex) => LogCommandFailed(SqlState(ex));

    public void LogFailure(Exception ex, string message) => LogCommandFailed(SqlState(ex));

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    private sealed class TenantSession(RedactingMartenLogger inner, string tenantId) : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command)
        {
        }

        public void LogSuccess(NpgsqlBatch batch)
        {
        }

        public void LogFailure(NpgsqlCommand command, Exception ex) => inner.LogFailure(command, ex);

        public void LogFailure(NpgsqlBatch batch, Exception ex) => inner.LogFailure(batch, ex);

        public void LogFailure(Exception ex, string message) => inner.LogFailure(ex, message);

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }

        public void OnBeforeExecute(NpgsqlCommand command) => TenantScope.Apply(command, tenantId);

        public void OnBeforeExecute(NpgsqlBatch batch) => TenantScope.Apply(batch, tenantId);
    }

    private static string SqlState(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState ?? ex.GetType().Name;

    [LoggerMessage(Level = LogLevel.Debug, Message = "A database command failed ({SqlState}); the caller handles it")]
    private partial void LogCommandFailed(string sqlState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marten applied a schema change")]
    private partial void LogSchemaChange();
}
