using OpenIddict.Abstractions;
using PesanAI.Host.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PesanAI.Host.Auth;

/// <summary>
/// Creates the bootstrap platform-operator credential from configuration at start-up, and updates its
/// secret when the configured one changed, so the operator can always get in.
/// </summary>
public sealed class OperatorCredentialSeeder(IServiceScopeFactory scopes, HostSettings settings, ILogger<OperatorCredentialSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes that start together on one database seed the same credential at once: the loser of that race
        // (OpenIddict's concurrency check, or the unique client id) finds the winner's row on the next try.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SeedAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                logger.LogInformation("Seeding the platform operator credential raced another node; trying again");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = settings.OperatorClientId,
            ClientSecret = settings.OperatorClientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "Platform operator",
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + Scopes.Platform,
            },
        };
        descriptor.Properties[PesanAiClaims.Kind] = System.Text.Json.JsonSerializer.SerializeToElement("operator");

        var existing = await applications.FindByClientIdAsync(settings.OperatorClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            logger.LogInformation("Created the platform operator credential {ClientId}", settings.OperatorClientId);
        }
        else
        {
            // Re-applying the descriptor re-hashes the configured secret, so a changed secret takes effect.
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
