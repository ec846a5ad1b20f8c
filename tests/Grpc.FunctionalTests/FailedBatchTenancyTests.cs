using System.Collections.Concurrent;
using Marten;
using JasperFx;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PesanAI.Application.Inbound;

namespace PesanAI.FunctionalTests;

/// <summary>
/// Every batch names its tenant in its first statement (<c>CALL pesanai.use_tenant</c>, ADR 008), on pooled
/// connections that serve every tenant in turn. A batch that fails after that call (a NUL in a jsonb value, 22P05; a
/// duplicate key, 23505) must leave its connection in a known state: the next batch on it, for any tenant, reads its
/// own tenant's rows and nothing else, and never meets a leftover of the failed one (Npgsql's "unexpected backend
/// message"). The host's pool is small here, so that a few connections serve both tenants thousands of times.
/// <para>
/// Npgsql's automatic preparation (on by default in the host: 35-60 % of ingest throughput, docs/benchmarks.md) loses
/// track of a connection's prepared statements when such a batch fails: with few slots (statements prepared and evicted
/// all the time) about one operation in ten then fails with "Received unexpected backend message" (issue 12, finding 6;
/// production's 200 slots make it rare). Npgsql breaks that connection, so it never serves another request: the test
/// with auto-prepare tolerates those failures but never a foreign row; the one without it tolerates nothing.
/// </para>
/// </summary>
public abstract class FailedBatchTenancyTests(int maxAutoPrepare) : IAsyncLifetime
{
    private const int Kinds = 6;
    private const int Operations = 3000;
    private const int Workers = 8;

    private readonly PesanAiApp _app = new()
    {
        RouteHostConnection = connectionString => Task.FromResult(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 3, MaxAutoPrepare = maxAutoPrepare, AutoPrepareMinUsages = 2 }.ConnectionString),
    };

    private bool DesyncsTolerated => maxAutoPrepare > 0;

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Failing_and_succeeding_batches_of_two_tenants_on_a_small_pool_never_cross_or_desynchronise()
    {
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        var tenants = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var seeded = new Dictionary<Guid, CustomerPreferenceRecord>();
        foreach (var tenant in tenants)
        {
            await using var session = store.LightweightSession(tenant.ToString());
            seeded[tenant] = Preference(tenant, "seed");
            session.Store(seeded[tenant]);
            await session.SaveChangesAsync();
        }

        var counts = new ConcurrentDictionary<string, int>();
        var unexpected = new ConcurrentQueue<string>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Operations)
            {
                var tenant = tenants[i % 2];
                var kind = (i / 2) % Kinds;
                try
                {
                    await RunAsync(store, tenant, seeded[tenant], kind, i);
                    counts.AddOrUpdate($"ok:{kind}", 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (SqlState(ex) is PostgresErrorCodes.UntranslatableCharacter or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CharacterNotInRepertoire)
                {
                    counts.AddOrUpdate($"refused:{kind}:{SqlState(ex)}", 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException) when (kind == 5)
                {
                    counts.AddOrUpdate($"cancelled:{kind}", 1, (_, n) => n + 1);
                }
                catch (Exception ex) when (DesyncsTolerated && IsDesync(ex))
                {
                    counts.AddOrUpdate("desynchronised", 1, (_, n) => n + 1);
                }
                catch (DocumentAlreadyExistsException)
                {
                    // Marten's name for 23505 on an insert (it keeps no PostgresException inside).
                    counts.AddOrUpdate($"refused:{kind}:{PostgresErrorCodes.UniqueViolation}", 1, (_, n) => n + 1);
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue($"#{i} kind {kind}: {ex}");
                }
            }
        })));

        Assert.True(unexpected.IsEmpty, $"{unexpected.Count} unexpected failures, the first:\n{string.Join("\n---\n", unexpected.Take(3))}");

        if (DesyncsTolerated)
        {
            // Npgsql's bug fails some operations of any kind; every other one ran (no unexpected failure above).
            return;
        }

        // Each kind ran as often as the others, and each failing kind failed as designed (a kind that stopped
        // failing would prove nothing).
        var perKind = Operations / Kinds;
        Assert.Equal(
            [perKind, perKind, perKind, perKind, perKind, perKind],
            new[]
            {
                counts.GetValueOrDefault("ok:0"), counts.GetValueOrDefault("ok:1"), Refused(counts, 2), Refused(counts, 3),
                counts.GetValueOrDefault("ok:4"), counts.GetValueOrDefault("ok:5") + counts.GetValueOrDefault("cancelled:5"),
            });
        Assert.True(counts.GetValueOrDefault("cancelled:5") > 0, "no read was cancelled mid-way");
    }

    private static int Refused(ConcurrentDictionary<string, int> counts, int kind) =>
        counts.Where(c => c.Key.StartsWith($"refused:{kind}:", StringComparison.Ordinal)).Sum(c => c.Value);

    /// <summary>0, 1: reads (a query, a load); 2: a NUL in jsonb; 3: a duplicate key; 4: a write; 5: a read cancelled early or mid-way.</summary>
    private static async Task RunAsync(IDocumentStore store, Guid tenant, CustomerPreferenceRecord own, int kind, int i)
    {
        switch (kind)
        {
            case 0:
            {
                await using var session = store.QuerySession(tenant.ToString());
                var rows = await session.Query<CustomerPreferenceRecord>().Take(50).ToListAsync();
                Assert.NotEmpty(rows);
                Assert.All(rows, r => Assert.Equal(tenant, r.CustomerId));
                return;
            }

            case 1:
            {
                await using var session = store.QuerySession(tenant.ToString());
                var row = await session.LoadAsync<CustomerPreferenceRecord>(own.Id);
                Assert.Equal(tenant, row?.CustomerId);
                return;
            }

            case 2:
            {
                // A good row and a bad one in one batch: the whole batch fails, the good row is not stored.
                await using var session = store.LightweightSession(tenant.ToString());
                session.Store(Preference(tenant, $"good {i}"), Preference(tenant, $"nul \0 {i}"));
                await session.SaveChangesAsync();
                return;
            }

            case 3:
            {
                await using var session = store.LightweightSession(tenant.ToString());
                session.Insert(own);
                await session.SaveChangesAsync();
                return;
            }

            case 4:
            {
                await using var session = store.LightweightSession(tenant.ToString());
                session.Store(Preference(tenant, $"write {i}"));
                await session.SaveChangesAsync();
                return;
            }

            default:
            {
                // Cancelled at once, or after 1-2 ms: before the statement is sent, while it runs or while its rows arrive.
                using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 3));
                await using var session = store.QuerySession(tenant.ToString());
                var rows = await session.Query<CustomerPreferenceRecord>().ToListAsync(cancel.Token);
                Assert.All(rows, r => Assert.Equal(tenant, r.CustomerId));
                return;
            }
        }
    }

    /// <summary>The tenant is written into the row itself, so a read can tell whose row it got.</summary>
    private static CustomerPreferenceRecord Preference(Guid tenant, string detail) =>
        new(Guid.NewGuid(), tenant, "15550000000", "marketing", "stop", detail, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    /// <summary>Npgsql's own words, somewhere in the chain (it surfaces as NpgsqlException or ObjectDisposedException).</summary>
    private static bool IsDesync(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current.Message.Contains("Received unexpected backend message", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? SqlState(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres.SqlState;
            }
        }

        return null;
    }
}

/// <summary>Auto-prepare off (the connection string's explicit <c>Max Auto Prepare=0</c>, which the host honours): nothing desynchronises.</summary>
public sealed class FailedBatchTenancyWithoutAutoPrepareTests() : FailedBatchTenancyTests(0);

/// <summary>Auto-prepare with 3 slots: Npgsql desynchronises often, and still no connection serves another tenant's rows.</summary>
public sealed class FailedBatchTenancyWithAutoPrepareTests() : FailedBatchTenancyTests(3);
