using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Marten's logging without parameter values: its default logger writes every failed command with its
/// parameters, and those carry phone numbers (customer link ids) and message text. Failures are logged with the
/// PostgreSQL error code only, at Debug: most are lost races that the caller retries, and callers log what matters.
/// Each session's logger also names the session's tenant in every statement for row-level security (<see cref="RowLevelTenant"/>)
/// and, before a retry, clears what an interrupted execution left on the statements (<see cref="InterruptedPreparation"/>).
/// </summary>
public sealed partial class RedactingMartenLogger(ILogger<RedactingMartenLogger> logger) : IMartenLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new SessionLogger(this, session.TenantId);
    }

    public void SchemaChange(string sql) => LogSchemaChange();

    private static string SqlState(Exception ex) =>
        (ex as PostgresException ?? ex.InnerException as PostgresException)?.SqlState ?? ex.GetType().Name;

    [LoggerMessage(Level = LogLevel.Debug, Message = "A database command failed ({SqlState}); the caller handles it")]
    private partial void LogCommandFailed(string sqlState);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marten applied a schema change")]
    private partial void LogSchemaChange();

    private sealed class SessionLogger(RedactingMartenLogger owner, string tenantId) : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command)
        {
        }

        public void LogSuccess(NpgsqlBatch batch)
        {
        }

        public void LogFailure(NpgsqlCommand command, Exception ex) => owner.LogCommandFailed(SqlState(ex));

        public void LogFailure(NpgsqlBatch batch, Exception ex) => owner.LogCommandFailed(SqlState(ex));

        public void LogFailure(Exception ex, string message) => owner.LogCommandFailed(SqlState(ex));

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }

        public void OnBeforeExecute(NpgsqlCommand command)
        {
            InterruptedPreparation.Clear(command);
            RowLevelTenant.Apply(command, tenantId);
        }

        public void OnBeforeExecute(NpgsqlBatch batch)
        {
            InterruptedPreparation.Clear(batch);
            RowLevelTenant.Apply(batch, tenantId);
        }
    }
}
