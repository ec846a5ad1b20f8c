using System.Diagnostics;
using System.Security.Claims;
using OpenIddict.Abstractions;
using PesanAI.Application.Common;
using PesanAI.Domain.Tenants;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PesanAI.Host.Auth;

/// <summary>The caller of the current request, from its validated access token only.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public const string PurposeHeader = "x-purpose";
    private const string Background = "system";

    public string CredentialId => User?.GetClaim(Claims.Subject) ?? Background;

    public string? MemberId => User?.GetClaim(PesanAiClaims.MemberId);

    public Guid? TenantId => Guid.TryParse(User?.GetClaim(PesanAiClaims.TenantId), out var id) ? id : null;

    public bool IsOperator => TenantId is null && User?.HasScope(Auth.Scopes.Platform) == true;

    public MemberRole? Role => Enum.TryParse<MemberRole>(User?.GetClaim(PesanAiClaims.Role), ignoreCase: true, out var role) ? role : null;

    public IReadOnlySet<string> Scopes => User?.GetScopes().ToHashSet() ?? [];

    public string Operation => Http?.Request.Path.Value?.TrimStart('/') ?? Background;

    public string? Purpose => Http?.Request.Headers[PurposeHeader].FirstOrDefault() is { Length: > 0 and <= 200 } purpose ? purpose : null;

    public string? ClientAddress => Http?.Connection.RemoteIpAddress?.ToString();

    public string CorrelationId => Activity.Current?.TraceId.ToHexString() ?? Http?.TraceIdentifier ?? Background;

    public string CausationId => Http?.TraceIdentifier ?? Background;

    private HttpContext? Http => accessor.HttpContext;

    private ClaimsPrincipal? User => Http?.User;
}
