using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Procedures;

namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// Names a session's tenant for row-level security inside the statements it sends, instead of on the connection.
/// Marten's own way (<c>UseRowLevelSecurity</c>) runs <c>set_config</c> in a round trip of its own each time a session
/// opens a connection and another to reset it: two of the four round trips of a webhook. Here the first statement of
/// every batch is <c>CALL pesanai.use_tenant($1)</c>, which sets the setting for the batch's transaction only
/// (<c>set_config(…, true)</c>): one more statement in a round trip already made, no result set (so Marten reads its
/// results as before), nothing left on the pooled connection. A statement that names no tenant sees no row.
/// </summary>
public static class RowLevelTenant
{
    public const string Setting = "app.tenant_id";

    private const string ProcedureName = "use_tenant";
    private const string CallPrefix = "CALL " + MartenSetup.Schema + "." + ProcedureName;
    private const string Call = CallPrefix + "($1)";

    /// <summary>The procedure, created and kept by Marten's schema management with the tables.</summary>
    public static StoredProcedure Procedure() => new(
        new PostgresqlObjectName(MartenSetup.Schema, ProcedureName, SchemaUtils.IdentifierUsage.Function),
        $"CREATE OR REPLACE PROCEDURE {MartenSetup.Schema}.{ProcedureName}(tenant text) LANGUAGE sql AS $$ SELECT set_config('{Setting}', tenant, true) $$;");

    /// <summary>
    /// Prepends the call to a batch (once: Marten may execute a batch again after a transient failure). Batches that
    /// write the async daemon's progress are left alone: Marten checks their rows affected by position, and they touch
    /// no secured table.
    /// </summary>
    public static void Apply(NpgsqlBatch batch, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var commands = batch.BatchCommands;
        if (commands.Count == 0 || commands[0].CommandText == Call || commands.Any((NpgsqlBatchCommand c) => c.CommandText.Contains("mt_event_progression", StringComparison.Ordinal)))
        {
            return;
        }

        var call = new NpgsqlBatchCommand(Call);
        call.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        commands.Insert(0, call);
    }

    /// <summary>
    /// A single command (Marten's query sessions load documents this way): the call goes in front of it as a statement
    /// of its own, in the same round trip. Npgsql sends several statements in one command only with named parameters,
    /// so positional ones (<c>$1</c>, as Marten writes them) are renamed (<c>@p1</c>) first, outside quoted text.
    /// </summary>
    public static void Apply(NpgsqlCommand command, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.CommandText.StartsWith(CallPrefix, StringComparison.Ordinal) || !TryNameParameters(command))
        {
            return;
        }

        command.CommandText = $"{CallPrefix}('{tenantId.Replace("'", "''", StringComparison.Ordinal)}'); {command.CommandText}";
    }

    /// <summary>Renames $n to @pn outside string literals and quoted identifiers; false (and nothing changed) when unsure.</summary>
    private static bool TryNameParameters(NpgsqlCommand command)
    {
        var positional = command.Parameters.Count(p => string.IsNullOrEmpty(p.ParameterName));
        if (positional == 0)
        {
            return true;
        }

        var sql = command.CommandText;
        if (positional != command.Parameters.Count || sql.Contains("$$", StringComparison.Ordinal))
        {
            return false;
        }

        var named = new System.Text.StringBuilder(sql.Length + 16);
        var (inLiteral, inIdentifier) = (false, false);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'' && !inIdentifier)
            {
                inLiteral = !inLiteral;
            }
            else if (c == '"' && !inLiteral)
            {
                inIdentifier = !inIdentifier;
            }
            else if (c == '$' && !inLiteral && !inIdentifier && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1])
                && (i == 0 || !(char.IsAsciiLetterOrDigit(sql[i - 1]) || sql[i - 1] == '_')))
            {
                named.Append("@p");
                continue;
            }

            named.Append(c);
        }

        if (inLiteral || inIdentifier)
        {
            return false;
        }

        command.CommandText = named.ToString();
        for (var i = 0; i < command.Parameters.Count; i++)
        {
            command.Parameters[i].ParameterName = "p" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return true;
    }
}
