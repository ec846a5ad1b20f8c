using MapsterMapper;
using PesanAI.Application.Audit;
using PesanAI.Host.Mapping;
using Api = PesanAI.Protos.Tenants.V1;
using AuditApi = PesanAI.Protos.Audit.V1;

namespace PesanAI.FunctionalTests.Audit;

public sealed class AuditMappingTests
{
    private static readonly Mapper Mapper = new(ProtoMapping.Build());

    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void An_event_maps_to_the_versioned_shape_with_the_member_as_actor_else_the_credential()
    {
        var byMember = Mapper.Map<AuditApi.AuditEvent>(new RecordedEvent(42, Guid.NewGuid(), Guid.NewGuid(), 3, "member_added", """{"a":1}""", At, "cred-1", "member-1", "corr", "cause"));
        var byApplication = Mapper.Map<AuditApi.AuditEvent>(new RecordedEvent(43, Guid.NewGuid(), Guid.NewGuid(), 4, "member_added", "{}", At, "cred-2", null, null, null));

        Assert.Equal(1, byMember.SchemaVersion);
        Assert.Equal(42, byMember.Position);
        Assert.Equal(3, byMember.StreamVersion);
        Assert.Equal("""{"a":1}""", byMember.Data);
        Assert.Equal(At, byMember.OccurredAt.ToDateTimeOffset());
        Assert.Equal(("member-1", "cred-1", "member-1", "corr", "cause"), (byMember.Metadata.Actor, byMember.Metadata.CredentialId, byMember.Metadata.MemberId, byMember.Metadata.CorrelationId, byMember.Metadata.CausationId));
        Assert.Equal(("cred-2", "cred-2", string.Empty, string.Empty), (byApplication.Metadata.Actor, byApplication.Metadata.CredentialId, byApplication.Metadata.MemberId, byApplication.Metadata.CorrelationId));
    }

    [Theory]
    [InlineData("auditor", Api.MemberRole.Auditor)]
    [InlineData(null, Api.MemberRole.Unspecified)]
    [InlineData("retired-role", Api.MemberRole.Unspecified)]
    public void An_access_maps_its_role_and_keeps_empty_fields_empty(string? role, Api.MemberRole expected)
    {
        var entry = new DataAccessEntry(Guid.NewGuid(), "cred", null, role, "op", "member", ["m1", "m2"], null, null, At);

        var mapped = Assert.Single(Mapper.Map<AuditApi.ListDataAccessResponse>(new DataAccessPage(Guid.NewGuid(), [new ListedDataAccess(entry, 7)], "next")).DataAccesses);

        Assert.Equal(expected, mapped.Role);
        Assert.Equal(7, mapped.Position);
        Assert.Equal(["m1", "m2"], mapped.ResourceIds);
        Assert.Equal((string.Empty, string.Empty, string.Empty), (mapped.MemberId, mapped.Purpose, mapped.ClientAddress));
        Assert.Equal(At, mapped.AccessTime.ToDateTimeOffset());
    }
}
