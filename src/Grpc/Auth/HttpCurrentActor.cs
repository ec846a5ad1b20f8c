using System.Diagnostics;
using OpenIddict.Abstractions;
using PesanAI.Application.Common;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PesanAI.Host.Auth;

/// <summary>The caller of the current request, from its validated access token only.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private const string Background = "system";

    public string CredentialId => User?.GetClaim(Claims.Subject) ?? Background;

    public string? MemberId => User?.GetClaim(PesanAiClaims.MemberId);

    public Guid? TenantId => Guid.TryParse(User?.GetClaim(PesanAiClaims.TenantId), out var id) ? id : null;

    public bool IsOperator => User?.HasScope(Scopes.Platform) == true;

    public string CorrelationId =>
        Activity.Current?.TraceId.ToHexString() ?? accessor.HttpContext?.TraceIdentifier ?? Background;

    public string CausationId => accessor.HttpContext?.TraceIdentifier ?? Background;

    private global::System.Security.Claims.ClaimsPrincipal? User => accessor.HttpContext?.User;
}
