namespace PesanAI.Domain.Messaging;

/// <summary>Whether the tenant's number may send now; <see cref="Reason"/> says why not.</summary>
public sealed record NumberStanding(bool CanSend, string? Reason = null)
{
    public static NumberStanding Usable { get; } = new(true);
}
