extern alias client;

using client::PesanAI.Protos.Consent.V1;
using Google.Protobuf.WellKnownTypes;
using static PesanAI.FunctionalTests.Consent.ConsentBed;

namespace PesanAI.FunctionalTests.Consent;

public sealed class ConsentValidationTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private readonly ConsentBed _bed = new(app);

    [Fact]
    public async Task An_empty_opt_in_names_every_missing_field_and_writes_nothing()
    {
        var tenant = await _bed.TenantAsync();

        var badRequest = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(new RecordOptInRequest()).ResponseAsync);

        Assert.Equal(["wa_id", "purpose", "source", "evidence"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Empty((await tenant.Consent.ListCustomersAsync(new ListCustomersRequest())).Customers);
    }

    [Theory]
    [InlineData("081234567890", "", "wa_id")]
    [InlineData("62 812 3456 7890", "", "wa_id")]
    [InlineData("62812", "", "wa_id")]
    [InlineData("", "ID 123", "user_id")]
    public async Task A_customer_is_named_by_wa_id_digits_or_a_user_id(string waId, string userId, string field)
    {
        var tenant = await _bed.TenantAsync();
        var request = OptIn(waId, userId: userId);

        var badRequest = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(request).ResponseAsync);

        Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("https://toko maju.id/form")]
    [InlineData("https://")]
    public async Task Opt_in_evidence_is_required_and_a_url_must_be_one(string evidence)
    {
        var tenant = await _bed.TenantAsync();

        var badRequest = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(OptIn(NewWaId(), evidence: evidence)).ResponseAsync);

        Assert.Equal("evidence", Assert.Single(badRequest.FieldViolations).Field);
    }

    [Fact]
    public async Task Evidence_has_at_most_1000_characters()
    {
        var tenant = await _bed.TenantAsync();

        await tenant.Consent.RecordOptInAsync(OptIn(NewWaId(), evidence: new string('x', 1000)));
        var badIn = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(OptIn(NewWaId(), evidence: new string('x', 1001))).ResponseAsync);
        var badOut = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptOutAsync(OptOut(NewWaId(), evidence: new string('x', 1001))).ResponseAsync);

        Assert.Equal("evidence", Assert.Single(badIn.FieldViolations).Field);
        Assert.Equal("evidence", Assert.Single(badOut.FieldViolations).Field);
    }

    [Fact]
    public async Task A_collection_time_in_the_future_is_refused()
    {
        var tenant = await _bed.TenantAsync();

        var badRequest = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(OptIn(NewWaId(), collectedAt: DateTimeOffset.UtcNow.AddHours(1))).ResponseAsync);

        Assert.Equal("collect_time", Assert.Single(badRequest.FieldViolations).Field);
        Assert.Empty((await tenant.Consent.ListCustomersAsync(new ListCustomersRequest())).Customers);
    }

    [Theory]
    [InlineData(ConsentSource.Keyword)]
    [InlineData(ConsentSource.UserPreferences)]
    [InlineData(ConsentSource.Unspecified)]
    public async Task Keyword_and_user_preferences_statements_are_only_recorded_by_PesanAI(ConsentSource source)
    {
        var tenant = await _bed.TenantAsync();

        var badIn = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(OptIn(NewWaId(), source: source)).ResponseAsync);
        var badOut = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptOutAsync(OptOut(NewWaId(), source: source)).ResponseAsync);

        Assert.Equal("source", Assert.Single(badIn.FieldViolations).Field);
        Assert.Equal("source", Assert.Single(badOut.FieldViolations).Field);
    }

    [Fact]
    public async Task An_opt_out_names_one_purpose_or_all()
    {
        var tenant = await _bed.TenantAsync();
        var neither = new RecordOptOutRequest { WaId = NewWaId(), Source = ConsentSource.Api };
        var both = new RecordOptOutRequest { WaId = NewWaId(), Source = ConsentSource.Api, Purpose = ConsentPurpose.Marketing, AllPurposes = true };

        Assert.Equal("purpose", Assert.Single((await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptOutAsync(neither).ResponseAsync)).FieldViolations).Field);
        Assert.Equal("purpose", Assert.Single((await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptOutAsync(both).ResponseAsync)).FieldViolations).Field);
    }

    [Fact]
    public async Task Reads_check_their_paging_and_filters()
    {
        var tenant = await _bed.TenantAsync();

        var history = await RpcAssert.InvalidArgument(() => tenant.Consent.ListConsentHistoryAsync(
            new ListConsentHistoryRequest { WaId = NewWaId(), PageSize = 201, PageToken = "not-a-token" }).ResponseAsync);
        var customers = await RpcAssert.InvalidArgument(() => tenant.Consent.ListCustomersAsync(
            new ListCustomersRequest { Status = ConsentStatus.OptedIn, PageSize = -1 }).ResponseAsync);
        var get = await RpcAssert.InvalidArgument(() => tenant.Consent.GetConsentAsync(new GetConsentRequest()).ResponseAsync);
        var time = await RpcAssert.InvalidArgument(() => tenant.Consent.RecordOptInAsync(
            new RecordOptInRequest { WaId = NewWaId(), Purpose = ConsentPurpose.Marketing, Source = ConsentSource.Api, Evidence = "x", CollectTime = new Timestamp { Seconds = long.MaxValue } }).ResponseAsync);

        Assert.Equal(["page_size", "page_token"], history.FieldViolations.Select(v => v.Field));
        Assert.Equal(["purpose", "page_size"], customers.FieldViolations.Select(v => v.Field));
        Assert.Equal("wa_id", Assert.Single(get.FieldViolations).Field);
        Assert.Equal("collect_time", Assert.Single(time.FieldViolations).Field);
    }
}
