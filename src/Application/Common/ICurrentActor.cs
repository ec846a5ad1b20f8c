using PesanAI.Domain.Tenants;

namespace PesanAI.Application.Common;

/// <summary>Who is calling, from the verified token only. Every event and every read is attributed to it.</summary>
public interface ICurrentActor
{
    /// <summary>The credential (OAuth client id) that authenticated the call.</summary>
    string CredentialId { get; }

    /// <summary>The team member behind the credential, when it stands for a person.</summary>
    string? MemberId { get; }

    /// <summary>The tenant the token is scoped to; null for the platform operator.</summary>
    Guid? TenantId { get; }

    bool IsOperator { get; }

    /// <summary>The member's role when the credential stands for a member (from the token).</summary>
    MemberRole? Role { get; }

    /// <summary>The scopes the token grants.</summary>
    IReadOnlySet<string> Scopes { get; }

    /// <summary>The RPC being served, for the access audit.</summary>
    string Operation { get; }

    /// <summary>Why the caller reads personal data (the optional x-purpose header).</summary>
    string? Purpose { get; }

    /// <summary>The caller's network address.</summary>
    string? ClientAddress { get; }

    /// <summary>Ties together everything one business operation caused (the call's trace id).</summary>
    string CorrelationId { get; }

    /// <summary>The message that directly caused the events being written (the call's request id).</summary>
    string CausationId { get; }
}
