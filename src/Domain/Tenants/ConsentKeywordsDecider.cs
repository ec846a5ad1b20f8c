using PesanAI.Domain.Consent;

namespace PesanAI.Domain.Tenants;

/// <summary>Pure decisions about a tenant's consent keywords.</summary>
public static class ConsentKeywordsDecider
{
    /// <summary>Settings equal to the current ones (after normalizing) change nothing (no events).</summary>
    public static IReadOnlyList<object> Configure(Tenant state, ConsentKeywordSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        TenantDecider.EnsureActive(state);
        var normalized = ConsentKeywords.Normalize(settings);
        return normalized.SameAs(state.ConsentKeywords)
            ? []
            : [new ConsentKeywordsConfigured(state.Id, normalized.StopKeywords, normalized.StartKeywords, normalized.OptOutConfirmation, normalized.OptInConfirmation, now)];
    }
}
