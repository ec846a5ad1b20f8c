extern alias client;

using client::PesanAI.Protos.Privacy.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PesanAI.FunctionalTests.Team;
using TenantsApi = client::PesanAI.Protos.Tenants.V1;

namespace PesanAI.FunctionalTests.Privacy;

public sealed class RetentionPolicyTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly TeamBuilder _team = new(app);

    [Fact]
    public async Task A_new_tenant_keeps_everything_until_erased_and_a_policy_round_trips_on_its_stream()
    {
        var owner = await OwnerAsync();
        var privacy = new PrivacyService.PrivacyServiceClient(owner.Channel);

        var initial = await privacy.GetRetentionPolicyAsync(new GetRetentionPolicyRequest());
        var policy = new RetentionPolicy
        {
            MessageContent = Days(90),
            Media = Days(30),
            WebhookBodies = Days(30),
            AiRecords = Days(14),
            AccessRecords = Days(3650),
        };
        var updated = await privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest { Policy = policy, ExpectedVersion = initial.Version });
        var again = await privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest { Policy = policy });
        var read = await privacy.GetRetentionPolicyAsync(new GetRetentionPolicyRequest());

        Assert.Null(initial.MessageContent);
        Assert.Null(initial.Media);
        Assert.Null(initial.WebhookBodies);
        Assert.Null(initial.AiRecords);
        Assert.Null(initial.AccessRecords);
        Assert.Equal((await owner.Tenants.GetTenantAsync(new TenantsApi.GetTenantRequest())).Version, read.Version);
        Assert.Equal(initial.Version + 1, updated.Version);
        Assert.Equal(Days(90), read.MessageContent);
        Assert.Equal(Days(30), read.Media);
        Assert.Equal(Days(30), read.WebhookBodies);
        Assert.Equal(Days(14), read.AiRecords);
        Assert.Equal(Days(3650), read.AccessRecords);
        Assert.Equal(updated, again);
        Assert.Equal(updated, read);

        // The whole policy is replaced: an unset period is kept until erased again.
        var cleared = await privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest { Policy = new RetentionPolicy { Media = Days(30) } });
        Assert.Null(cleared.MessageContent);
        Assert.Equal(Days(30), cleared.Media);
    }

    [Fact]
    public async Task Periods_out_of_range_are_refused_naming_the_field()
    {
        var privacy = new PrivacyService.PrivacyServiceClient((await OwnerAsync()).Channel);

        var tooShort = await RpcAssert.InvalidArgument(() => privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest
        {
            Policy = new RetentionPolicy { Media = Duration.FromTimeSpan(TimeSpan.FromHours(23)), AccessRecords = Days(3651) },
        }).ResponseAsync);
        var partDay = await RpcAssert.InvalidArgument(() => privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest
        {
            Policy = new RetentionPolicy { MessageContent = Duration.FromTimeSpan(TimeSpan.FromDays(2.5)), AiRecords = new Duration { Seconds = -86400 } },
        }).ResponseAsync);
        var longerThanPlatform = await RpcAssert.InvalidArgument(() => privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest
        {
            Policy = new RetentionPolicy { WebhookBodies = Days(31) },
        }).ResponseAsync);
        var missing = await RpcAssert.InvalidArgument(() => privacy.UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest()).ResponseAsync);

        Assert.Equal(["policy.media", "policy.access_records"], tooShort.FieldViolations.Select(v => v.Field));
        Assert.Equal(["policy.message_content", "policy.ai_records"], partDay.FieldViolations.Select(v => v.Field));
        Assert.Equal("policy", Assert.Single(missing.FieldViolations).Field);
        Assert.Equal("policy.webhook_bodies", Assert.Single(longerThanPlatform.FieldViolations).Field);
        Assert.Null((await privacy.GetRetentionPolicyAsync(new GetRetentionPolicyRequest())).Media);
    }

    [Fact]
    public async Task A_stale_version_is_aborted_and_the_operator_and_agents_are_refused()
    {
        var tenant = await _team.Tenant("Toko Simpan");
        var owner = await _team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Owner);
        var admin = await _team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Admin);
        var agent = await _team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Agent);
        var privacy = new PrivacyService.PrivacyServiceClient(owner.Channel);
        var version = (await privacy.GetRetentionPolicyAsync(new GetRetentionPolicyRequest())).Version;
        await new PrivacyService.PrivacyServiceClient(admin.Channel).UpdateRetentionPolicyAsync(
            new UpdateRetentionPolicyRequest { Policy = new RetentionPolicy { Media = Days(10) }, ExpectedVersion = version });

        await RpcAssert.Fails(StatusCode.Aborted, () => privacy.UpdateRetentionPolicyAsync(
            new UpdateRetentionPolicyRequest { Policy = new RetentionPolicy { Media = Days(20) }, ExpectedVersion = version }).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new PrivacyService.PrivacyServiceClient(agent.Channel)
            .GetRetentionPolicyAsync(new GetRetentionPolicyRequest()).ResponseAsync);
        await RpcAssert.Fails(StatusCode.PermissionDenied, () => new PrivacyService.PrivacyServiceClient(app.OperatorChannel())
            .UpdateRetentionPolicyAsync(new UpdateRetentionPolicyRequest { Policy = new RetentionPolicy() }).ResponseAsync);
        Assert.Equal(Days(10), (await privacy.GetRetentionPolicyAsync(new GetRetentionPolicyRequest())).Media);
    }

    private static Duration Days(int days) => Duration.FromTimeSpan(TimeSpan.FromDays(days));

    private async Task<Caller> OwnerAsync()
    {
        var tenant = await _team.Tenant("Toko Simpan");
        return await _team.MemberCaller(tenant.Id, TenantsApi.MemberRole.Owner);
    }
}
