using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Team.TeamHistory;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Team;

public sealed class AddMemberTests
{
    [Fact]
    public void Adding_a_member_emits_the_member_with_trimmed_name_and_email()
    {
        var events = TeamDecider.AddMember(Given(), Ayu, "  Ayu Lestari ", " ayu@tokomaju.id  ", MemberRole.Owner, Now);

        Assert.Equal([new MemberAdded(TenantId, Ayu, "Ayu Lestari", "ayu@tokomaju.id", MemberRole.Owner, Now)], events);
    }

    [Theory]
    [InlineData("ayu@tokomaju.id")]
    [InlineData("AYU@TokoMaju.ID")]
    public void Adding_a_member_with_a_taken_email_is_refused(string email)
    {
        var state = Given(Joined(Ayu, MemberRole.Owner, "ayu@tokomaju.id"));

        var refused = Refused(() => TeamDecider.AddMember(state, Budi, "Budi", email, MemberRole.Agent, Now));

        Assert.Equal("MEMBER_EMAIL_TAKEN", refused.Reason);
        Assert.Equal(RuleKind.AlreadyExists, refused.Kind);
    }

    [Fact]
    public void Adding_a_member_with_another_email_is_accepted_beside_existing_members()
    {
        var state = Given(Joined(Ayu, MemberRole.Owner, "ayu@tokomaju.id"));

        var events = TeamDecider.AddMember(state, Budi, "Budi", "budi@tokomaju.id", MemberRole.Agent, Now);

        Assert.Equal([new MemberAdded(TenantId, Budi, "Budi", "budi@tokomaju.id", MemberRole.Agent, Now)], events);
    }

    [Fact]
    public void Adding_a_member_to_a_suspended_tenant_is_refused()
    {
        var refused = Refused(() => TeamDecider.AddMember(Given(Suspended()), Ayu, "Ayu", "ayu@tokomaju.id", MemberRole.Owner, Now));

        Assert.Equal("TENANT_SUSPENDED", refused.Reason);
        Assert.Equal(RuleKind.Precondition, refused.Kind);
    }
}
