using Npgsql;
using PesanAI.Infrastructure.Persistence;

namespace PesanAI.Infrastructure.UnitTests.Persistence;

public sealed class RowLevelTenantTests
{
    private const string Tenant = "0199a3e4-5b6c-7d8e-9f00-112233445566";

    [Fact]
    public void A_batch_gets_the_tenant_call_first_once_with_the_tenant_as_a_parameter()
    {
        using var batch = new NpgsqlBatch { BatchCommands = { new NpgsqlBatchCommand("select d.data from pesanai.mt_doc_conversation as d where id = $1") } };

        RowLevelTenant.Apply(batch, Tenant);
        RowLevelTenant.Apply(batch, Tenant);

        Assert.Equal(2, batch.BatchCommands.Count);
        Assert.Equal("CALL pesanai.use_tenant($1)", batch.BatchCommands[0].CommandText);
        Assert.Equal(Tenant, Assert.Single(batch.BatchCommands[0].Parameters).Value);
    }

    [Fact]
    public void A_batch_writing_the_daemons_progress_is_left_as_it_is()
    {
        using var batch = new NpgsqlBatch { BatchCommands = { new NpgsqlBatchCommand("update pesanai.mt_event_progression set last_seq_id = $1 where name = $2") } };

        RowLevelTenant.Apply(batch, Tenant);

        Assert.Single(batch.BatchCommands);
    }

    [Fact]
    public void A_command_with_positional_parameters_is_renamed_and_prefixed_outside_quoted_text()
    {
        using var command = new NpgsqlCommand("select d.data from \"x$1\" as d where d.data ->> 'a$2' = $2 and id = $1 and n = $10")
        {
            Parameters = { Positional(1), Positional(2), Positional(3), Positional(4), Positional(5), Positional(6), Positional(7), Positional(8), Positional(9), Positional(10) },
        };

        RowLevelTenant.Apply(command, Tenant);

        Assert.Equal(
            $"CALL pesanai.use_tenant('{Tenant}'); select d.data from \"x$1\" as d where d.data ->> 'a$2' = @p2 and id = @p1 and n = @p10",
            command.CommandText);
        Assert.Equal(["p1", "p2", "p10"], command.Parameters.Select(p => p.ParameterName).Where(n => n is "p1" or "p2" or "p10"));
    }

    [Fact]
    public void A_command_it_cannot_rename_safely_is_left_as_it_is()
    {
        using var dollarQuoted = new NpgsqlCommand("select $$ $1 $$, $1") { Parameters = { Positional(1) } };
        using var unbalanced = new NpgsqlCommand("select 'it''s $1") { Parameters = { Positional(1) } };

        RowLevelTenant.Apply(dollarQuoted, Tenant);
        RowLevelTenant.Apply(unbalanced, Tenant);

        Assert.Equal("select $$ $1 $$, $1", dollarQuoted.CommandText);
        Assert.Equal("select 'it''s $1", unbalanced.CommandText);
    }

    [Fact]
    public void A_tenant_id_with_a_quote_cannot_end_the_literal()
    {
        using var command = new NpgsqlCommand("select 1");

        RowLevelTenant.Apply(command, "a'); drop table x; --");

        Assert.Equal("CALL pesanai.use_tenant('a''); drop table x; --'); select 1", command.CommandText);
    }

    private static NpgsqlParameter Positional(int value) => new() { Value = value };
}
