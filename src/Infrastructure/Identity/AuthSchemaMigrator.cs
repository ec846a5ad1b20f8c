using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PesanAI.Infrastructure.Identity;

/// <summary>
/// Applies the identity store's EF Core migrations when the host starts, before anything reads keys or
/// credentials. EF Core takes a database lock while migrating, so several nodes may start at once.
/// </summary>
public sealed class AuthSchemaMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
