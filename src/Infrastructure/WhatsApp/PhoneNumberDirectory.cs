using System.Collections.Concurrent;
using System.Text;
using Marten;
using PesanAI.Application.Common;
using PesanAI.Application.Inbound;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Tenants;

namespace PesanAI.Infrastructure.WhatsApp;

/// <summary>
/// Phone number routes from the claim registry and the tenants' (encrypted) app secrets, cached for a short
/// while: every webhook needs them before it may even be parsed. A removed or re-registered number is
/// picked up within <see cref="CacheFor"/>.
/// </summary>
public sealed class PhoneNumberDirectory(IDocumentStore store, ISecretProtector secrets, TimeProvider clock) : IPhoneNumberDirectory
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (PhoneNumberRoute? Route, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, (bool Enabled, DateTimeOffset Until)> _ai = new();

    public async Task<bool> HasAutomationAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_ai.TryGetValue(tenantId, out var cached) && cached.Until > now)
        {
            return cached.Enabled;
        }

        await using var session = store.QuerySession();
        var enabled = (await session.LoadAsync<Tenant>(tenantId, cancellationToken))?.Ai is { } ai && (ai.Enabled || ai.Hours is not null);
        _ai[tenantId] = (enabled, now + CacheFor);
        return enabled;
    }

    public async Task<IReadOnlyDictionary<string, PhoneNumberRoute>> FindAsync(IReadOnlyCollection<string> phoneNumberIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phoneNumberIds);
        var now = clock.GetUtcNow();
        var found = new Dictionary<string, PhoneNumberRoute>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in phoneNumberIds)
        {
            if (_cache.TryGetValue(id, out var cached) && cached.Until > now)
            {
                if (cached.Route is not null)
                {
                    found[id] = cached.Route;
                }
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await using var session = store.QuerySession();
            var claims = await session.LoadManyAsync<PhoneNumberClaim>(cancellationToken, missing);
            var tenants = claims.Count == 0
                ? []
                : (await session.LoadManyAsync<Tenant>(cancellationToken, claims.Select(c => c.TenantId).Distinct())).ToDictionary(t => t.Id);
            foreach (var id in missing)
            {
                var claim = claims.FirstOrDefault(c => c.Id == id);
                var number = claim is not null && tenants.TryGetValue(claim.TenantId, out var tenant) ? tenant.FindPhoneNumber(id) : null;
                var route = number is null
                    ? null
                    : new PhoneNumberRoute(id, claim!.TenantId, Encoding.UTF8.GetBytes(secrets.Unprotect(number.ProtectedAppSecret)), number.WabaId)
                    {
                        Keywords = tenants[claim.TenantId].ConsentKeywords,
                        TenantActive = tenants[claim.TenantId].Status == TenantStatus.Active,
                    };
                _cache[id] = (route, now + CacheFor);
                if (route is not null)
                {
                    found[id] = route;
                }
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<PhoneNumberRoute>> FindByWabaAsync(IReadOnlyCollection<string> wabaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wabaIds);
        if (wabaIds.Count == 0)
        {
            return [];
        }

        string[] ids = [.. wabaIds];
        IReadOnlyList<string> numbers;
        await using (var session = store.QuerySession())
        {
            numbers = await session.Query<PhoneNumberClaim>().Where(c => c.WabaId != null && c.WabaId.IsOneOf(ids)).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        return [.. (await FindAsync(numbers, cancellationToken)).Values];
    }

    public async Task<bool> IsVerifyTokenAsync(string verifyToken, CancellationToken cancellationToken)
    {
        var hash = secrets.Hash(verifyToken);
        await using var session = store.QuerySession();
        return await session.Query<PhoneNumberClaim>().AnyAsync(c => c.VerifyTokenHash == hash, cancellationToken);
    }
}
