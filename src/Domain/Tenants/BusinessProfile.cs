namespace PesanAI.Domain.Tenants;

/// <summary>The WhatsApp business profile, with Meta's field names.</summary>
public sealed record BusinessProfile(
    string About,
    string Description,
    string Address,
    string Email,
    IReadOnlyList<string> Websites,
    string Vertical)
{
    public static BusinessProfile Empty { get; } = new(string.Empty, string.Empty, string.Empty, string.Empty, [], string.Empty);
}
