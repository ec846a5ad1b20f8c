using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PesanAI.Infrastructure.Persistence;
using PesanAI.TestBed;

namespace PesanAI.FunctionalTests;

/// <summary>
/// A pooled connection broken while idle (PostgreSQL restarted, a network cut) fails the next statement sent on it, and
/// Marten retries that statement on a new connection. With Npgsql's automatic preparation on, as in the host, the
/// retried statement used to fail with a NullReferenceException inside Npgsql when the broken execution was the one
/// preparing it (its second use on that connection), and callers saw INTERNAL (<see cref="InterruptedPreparation"/>).
/// One connection in the pool makes every round meet exactly that case.
/// </summary>
public sealed class LostConnectionRetryTests : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const int Rounds = 4;

    private readonly PostgresDatabase _database;
    private OutageProxy? _proxy;
    private DocumentStore? _store;

    public LostConnectionRetryTests(PostgresDatabase database)
    {
        _database = database;
    }

    private OutageProxy Proxy => _proxy ?? throw new InvalidOperationException("Not initialized.");

    private DocumentStore Store => _store ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        (_proxy, var routed) = await OutageProxy.StartAsync(_database.ConnectionString);
        var connectionString = new NpgsqlConnectionStringBuilder(routed) { MaxPoolSize = 1, MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;
        _store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = MartenSetup.Schema;
            options.Storage.ExtendedSchemaObjects.Add(RowLevelTenant.Procedure());
            options.Logger(new RedactingMartenLogger(NullLogger<RedactingMartenLogger>.Instance));
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using var session = _store.LightweightSession();
        session.Store(new Note(Guid.NewGuid(), "first"));
        await session.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_query_whose_connection_broke_while_idle_is_answered_on_a_new_one()
    {
        for (var round = 0; round < Rounds; round++)
        {
            // A query shape of its own each round: this is its first use, so the retried use below is the one
            // that prepares it on the broken connection.
            var text = $"round {round}";
            await using (var first = Store.QuerySession())
            {
                Assert.Empty(await first.Query<Note>().Where(n => n.Text == text).Take(round + 1).ToListAsync());
            }

            Proxy.Cut();
            Proxy.Restore();

            await using var again = Store.QuerySession();
            var all = await again.Query<Note>().Where(n => n.Text == text).Take(round + 1).ToListAsync();
            Assert.Empty(all);
            Assert.Single(await again.Query<Note>().Where(n => n.Text == "first").ToListAsync());
        }
    }

    public sealed record Note(Guid Id, string Text);
}
