using Marten;
using Mediator;
using PesanAI.Application.Common;
using PesanAI.Application.Tenants;
using PesanAI.Domain.Consent;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Consent;

/// <summary>Replaces the tenant's consent keywords and confirmation texts (an empty confirmation: none is sent).</summary>
public sealed record UpdateConsentSettings(ConsentKeywordSettings? Settings, long? ExpectedVersion) : ICommand<Tenant>, IValidatable
{
    public IEnumerable<FieldViolation> Validate()
    {
        if (Settings is null)
        {
            yield return new FieldViolation("settings", "is required");
            yield break;
        }

        var checks = Keywords("settings.stop_keywords", Settings.StopKeywords, [])
            .Concat(Keywords("settings.start_keywords", Settings.StartKeywords, Settings.StopKeywords))
            .Concat(Check.MaxLength("settings.opt_out_confirmation", Settings.OptOutConfirmation?.Trim(), ConsentKeywords.MaxConfirmationLength))
            .Concat(Check.MaxLength("settings.opt_in_confirmation", Settings.OptInConfirmation?.Trim(), ConsentKeywords.MaxConfirmationLength));
        foreach (var violation in checks)
        {
            yield return violation;
        }

        if (!Settings.StopKeywords.Any(k => !string.IsNullOrWhiteSpace(k)))
        {
            yield return new FieldViolation("settings.stop_keywords", "must hold at least one keyword: customers must always be able to opt out");
        }
    }

    private static IEnumerable<FieldViolation> Keywords(string field, IReadOnlyList<string> keywords, IReadOnlyList<string> others)
    {
        if (keywords.Count > ConsentKeywords.MaxKeywords)
        {
            yield return new FieldViolation(field, $"must hold at most {ConsentKeywords.MaxKeywords} keywords");
        }

        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i]?.Trim() ?? string.Empty;
            if (keyword.Length == 0 || keyword.Length > ConsentKeywords.MaxKeywordLength || keyword.Any(char.IsControl))
            {
                yield return new FieldViolation($"{field}[{i}]", $"must be 1 to {ConsentKeywords.MaxKeywordLength} visible characters on one line");
            }
            else if (others.Any(o => ConsentKeywords.Same(o?.Trim() ?? string.Empty, keyword)))
            {
                yield return new FieldViolation($"{field}[{i}]", "is also a stop keyword");
            }
        }
    }
}

public sealed class UpdateConsentSettingsHandler(IDocumentSession session, ICurrentActor actor, TimeProvider clock) : ICommandHandler<UpdateConsentSettings, Tenant>
{
    public async ValueTask<Tenant> Handle(UpdateConsentSettings command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await TenantStream.Update(
            session,
            TenantOwned.TenantOf(actor),
            command.ExpectedVersion,
            tenant => ConsentKeywordsDecider.Configure(tenant, command.Settings!, clock.GetUtcNow()),
            cancellationToken);
    }
}
