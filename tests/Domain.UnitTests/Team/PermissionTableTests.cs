using PesanAI.Domain.Tenants;
using static PesanAI.Domain.Tenants.TenantScopes;

namespace PesanAI.Domain.UnitTests.Team;

/// <summary>The permission table written out once more, so that a change to a role's scopes is a deliberate edit in two places.</summary>
public sealed class PermissionTableTests
{
    public static TheoryData<MemberRole, string[]> Table => new()
    {
        { MemberRole.Owner, [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage, AuditRead, PrivacyManage] },
        { MemberRole.Admin, [TenantRead, TenantManage, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage, KnowledgeManage, PrivacyManage] },
        { MemberRole.Agent, [TenantRead, ConversationsRead, ConversationsManage, MessagesSend, ConsentManage] },
        { MemberRole.Auditor, [TenantRead, AuditRead] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Role_holds_exactly_its_scopes(MemberRole role, string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), Of(role).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_role_is_in_the_table()
    {
        Assert.Equal(Enum.GetValues<MemberRole>(), Table.Select(row => (MemberRole)row[0]));
    }

    [Fact]
    public void Every_scope_of_every_role_is_a_known_scope()
    {
        Assert.All(Enum.GetValues<MemberRole>().SelectMany(role => Of(role)), scope => Assert.True(IsKnown(scope), scope));
    }

    [Fact]
    public void There_are_nine_distinct_scopes_and_no_others_are_known()
    {
        Assert.Equal(9, All.Distinct().Count());
        Assert.False(IsKnown("messages.delete"));
        Assert.False(IsKnown("Tenant.Read"));
    }
}
