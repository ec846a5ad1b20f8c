namespace PesanAI.Infrastructure.Identity;

/// <summary>A token-signing key, its private part encrypted with Data Protection.</summary>
public sealed class SigningKeyRecord
{
    public required string Id { get; set; }

    public required string ProtectedPrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
