using Npgsql;

namespace PesanAI.FunctionalTests.Inbound;

/// <summary>
/// Makes PostgreSQL refuse the key row of one wamid with a chosen SQL state, as it refuses a value it cannot store: a
/// trigger on the key table, which every new inbound message inserts into.
/// </summary>
internal static class StoreRefusal
{
    /// <summary>Refuses <paramref name="wamid"/> with <paramref name="sqlState"/> from now on; null accepts it again.</summary>
    public static async Task RefuseAsync(PesanAiApp app, string wamid, string? sqlState)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            create table if not exists public.test_refused (wamid text primary key, sql_state text not null);
            grant select on public.test_refused to public;
            create or replace function public.test_refuse() returns trigger language plpgsql as $$
            declare state text;
            begin
              select sql_state into state from public.test_refused where wamid = new.id;
              if found then raise exception 'refused by the test' using errcode = state; end if;
              return new;
            end $$;
            create or replace trigger test_refuse before insert on pesanai.mt_doc_inboundmessagekey
              for each row execute function public.test_refuse();
            delete from public.test_refused where wamid = @wamid;
            insert into public.test_refused select @wamid, @state where @state is not null;
            """,
            connection);
        command.Parameters.AddWithValue("wamid", wamid);
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)sqlState ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The queue's id of the webhook with this body (the raw webhook id a parked webhook names).</summary>
    public static async Task<string> RawWebhookIdAsync(PesanAiApp app, byte[] body)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select id from {InboundQueueProbe.Table} where body = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = body });
        return ((Guid)(await command.ExecuteScalarAsync())!).ToString();
    }

    /// <summary>Deletes a raw webhook as the retention's purge does.</summary>
    public static async Task PurgeAsync(PesanAiApp app, string rawWebhookId)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"delete from {InboundQueueProbe.Table} where id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.Parse(rawWebhookId) });
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
