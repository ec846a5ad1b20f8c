namespace PesanAI.Domain.Tenants;

/// <summary>A person of the tenant's team.</summary>
public sealed record TeamMember(Guid MemberId, string DisplayName, string Email, MemberRole Role, DateTimeOffset AddedAt);
