using global::Grpc.Core;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Consent;
using PesanAI.Host.Auth;
using PesanAI.Host.Mapping;
using PesanAI.Protos.Consent.V1;
using static PesanAI.Host.Mapping.ConsentMapping;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.consent.v1.ConsentService: map the request, send it, map the result.</summary>
public sealed class ConsentGrpcService(ISender sender) : ConsentService.ConsentServiceBase
{
    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<CustomerConsent> RecordOptIn(RecordOptInRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RecordOptIn(
                new CustomerName(request.WaId, request.UserId),
                request.Purpose.ToDomain(),
                request.Source.ToDomain(),
                request.Evidence,
                request.CollectTime?.ToDateTimeOffset(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<CustomerConsent> RecordOptOut(RecordOptOutRequest request, ServerCallContext context) =>
        (await sender.Send(
            new RecordOptOut(
                new CustomerName(request.WaId, request.UserId),
                request.Purpose.ToDomain(),
                request.AllPurposes,
                request.Source.ToDomain(),
                request.Evidence,
                request.CollectTime?.ToDateTimeOffset(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<CustomerConsent> GetConsent(GetConsentRequest request, ServerCallContext context) =>
        (await sender.Send(new GetConsent(new CustomerName(request.WaId, request.UserId)), context.CancellationToken)).ToProto();

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListConsentHistoryResponse> ListConsentHistory(ListConsentHistoryRequest request, ServerCallContext context)
    {
        var page = await sender.Send(
            new ListConsentHistory(new CustomerName(request.WaId, request.UserId), request.PageSize, request.PageToken),
            context.CancellationToken);
        return new ListConsentHistoryResponse
        {
            CustomerId = page.CustomerId.ToString(),
            Changes = { page.Changes.Select(c => c.ToProto()) },
            NextPageToken = page.NextPageToken,
        };
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        var page = await sender.Send(
            new ListCustomers(request.Purpose.ToDomain(), request.Status.ToDomain(), request.PageSize, request.PageToken),
            context.CancellationToken);
        return new ListCustomersResponse { Customers = { page.Customers.Select(c => c.ToProto()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<ConsentSettings> GetConsentSettings(GetConsentSettingsRequest request, ServerCallContext context) =>
        (await sender.Send(new GetConsentSettings(), context.CancellationToken)).ToConsentSettings();

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<ConsentSettings> UpdateConsentSettings(UpdateConsentSettingsRequest request, ServerCallContext context) =>
        (await sender.Send(
            new UpdateConsentSettings(request.Settings.ToDomain(), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken)).ToConsentSettings();
}
