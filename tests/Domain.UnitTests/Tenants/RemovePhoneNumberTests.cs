using PesanAI.Domain.Common;
using PesanAI.Domain.Tenants;
using static PesanAI.Domain.UnitTests.Tenants.TenantHistory;

namespace PesanAI.Domain.UnitTests.Tenants;

public sealed class RemovePhoneNumberTests
{
    [Fact]
    public void Remove_registered_phone_number_emits_the_removal()
    {
        var state = Given(Registered("1065550001"), Registered("1065550002"));

        var events = TenantDecider.RemovePhoneNumber(state, "1065550002", Now);

        Assert.Equal([new PhoneNumberRemoved(TenantId, "1065550002", Now)], events);
    }

    [Fact]
    public void Remove_unknown_phone_number_is_refused_as_not_found()
    {
        var state = Given(Registered("1065550001"));

        var refused = Refused(() => TenantDecider.RemovePhoneNumber(state, "1065559999", Now));

        Assert.Equal("PHONE_NUMBER_NOT_REGISTERED", refused.Reason);
        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Remove_phone_number_already_removed_is_refused_as_not_found()
    {
        var state = Given(Registered("1065550001"), new PhoneNumberRemoved(TenantId, "1065550001", CreatedAt));

        var refused = Refused(() => TenantDecider.RemovePhoneNumber(state, "1065550001", Now));

        Assert.Equal(RuleKind.NotFound, refused.Kind);
    }
}
