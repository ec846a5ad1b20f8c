namespace PesanAI.Domain.Tenants;

public enum CredentialKind
{
    /// <summary>A partner backend or internal service.</summary>
    Application = 1,

    /// <summary>A team member's own credential: its scopes are bounded by the member's role.</summary>
    Member = 2,
}
