using System.Text.RegularExpressions;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Tenants;

/// <summary>Shape checks for tenant fields, shared by the tenant use cases.</summary>
public static partial class TenantChecks
{
    public const string DefaultTimeZone = "Asia/Jakarta";
    public const string DefaultLanguage = "id";

    public static IEnumerable<FieldViolation> TimeZone(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !TimeZoneInfo.TryFindSystemTimeZoneById(value, out _))
        {
            yield return new FieldViolation(field, "must be an IANA time zone such as Asia/Jakarta");
        }
    }

    public static IEnumerable<FieldViolation> Language(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !LanguageTag().IsMatch(value))
        {
            yield return new FieldViolation(field, "must be a BCP 47 language tag such as id or en-US");
        }
    }

    public static IEnumerable<FieldViolation> PhoneNumber(string field, string? value)
    {
        if (!E164.IsValid(value))
        {
            yield return new FieldViolation(field, "must be in E.164 form, for example +6281234567890");
        }
    }

    /// <summary>Meta's business profile limits.</summary>
    public static IEnumerable<FieldViolation> Profile(string field, BusinessProfile? profile)
    {
        if (profile is null)
        {
            yield return new FieldViolation(field, "is required");
            yield break;
        }

        var checks = Check.MaxLength($"{field}.about", profile.About, 139)
            .Concat(Check.MaxLength($"{field}.description", profile.Description, 512))
            .Concat(Check.MaxLength($"{field}.address", profile.Address, 256))
            .Concat(Check.MaxLength($"{field}.email", profile.Email, 128))
            .Concat(Check.MaxLength($"{field}.vertical", profile.Vertical, 64));
        foreach (var violation in checks)
        {
            yield return violation;
        }

        foreach (var violation in Check.Email($"{field}.email", profile.Email, required: false))
        {
            yield return violation;
        }

        if (profile.Websites.Count > 2)
        {
            yield return new FieldViolation($"{field}.websites", "must hold at most two URLs");
        }

        for (var i = 0; i < profile.Websites.Count; i++)
        {
            var site = profile.Websites[i];
            if (site.Length > 256 || !Uri.TryCreate(site, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                yield return new FieldViolation($"{field}.websites[{i}]", "must be an http(s) URL of at most 256 characters");
            }
        }

        if (!string.IsNullOrEmpty(profile.Vertical) && !Vertical().IsMatch(profile.Vertical))
        {
            yield return new FieldViolation($"{field}.vertical", "must be one of Meta's verticals, for example RETAIL or OTHER");
        }
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[A-Z_]{2,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Vertical();
}
