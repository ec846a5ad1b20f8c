using Marten;
using Microsoft.Extensions.Logging.Abstractions;
using PesanAI.Application.Common;
using PesanAI.Infrastructure.Persistence;
using PesanAI.TestBed;

namespace PesanAI.Application.Tests;

/// <summary>
/// A real PostgreSQL database of its own and a Marten store configured exactly as the host configures it
/// (<see cref="MartenSetup.Configure"/>, the redacting logger that names each batch's tenant, PostgreSQL's failure
/// classifier), for use-case tests that need storage but not the host or gRPC.
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private DocumentStore? _store;

    public IDocumentStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync; use it as a fixture.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        StoreFailureClassifier.Install(new PostgresFailureClassifier());
        var connectionString = await _database.OwnerConnectionStringAsync();
        _store = DocumentStore.For(options =>
        {
            MartenSetup.Configure(options, connectionString);
            options.Logger(new RedactingMartenLogger(NullLogger<RedactingMartenLogger>.Instance));
        });
        await _store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        await _database.DisposeAsync();
    }
}
