using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Consent;
using PesanAI.Host.Auth;
using PesanAI.Protos.Consent.V1;
using Model = PesanAI.Domain.Consent;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.consent.v1.ConsentService: map the request, send it, map the result.</summary>
public sealed class ConsentGrpcService(ISender sender, IMapper mapper) : ConsentService.ConsentServiceBase
{
    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<CustomerConsent> RecordOptIn(RecordOptInRequest request, ServerCallContext context) =>
        mapper.Map<CustomerConsent>(await sender.Send(
            new RecordOptIn(
                new CustomerName(request.WaId, request.UserId),
                mapper.Map<Model.ConsentPurpose?>(request.Purpose),
                mapper.Map<Model.ConsentSource?>(request.Source),
                request.Evidence,
                request.CollectTime?.ToDateTimeOffset(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<CustomerConsent> RecordOptOut(RecordOptOutRequest request, ServerCallContext context) =>
        mapper.Map<CustomerConsent>(await sender.Send(
            new RecordOptOut(
                new CustomerName(request.WaId, request.UserId),
                mapper.Map<Model.ConsentPurpose?>(request.Purpose),
                request.AllPurposes,
                mapper.Map<Model.ConsentSource?>(request.Source),
                request.Evidence,
                request.CollectTime?.ToDateTimeOffset(),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<CustomerConsent> GetConsent(GetConsentRequest request, ServerCallContext context) =>
        mapper.Map<CustomerConsent>(await sender.Send(new GetConsent(new CustomerName(request.WaId, request.UserId)), context.CancellationToken));

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListConsentHistoryResponse> ListConsentHistory(ListConsentHistoryRequest request, ServerCallContext context)
    {
        var page = await sender.Send(
            new ListConsentHistory(new CustomerName(request.WaId, request.UserId), request.PageSize, request.PageToken),
            context.CancellationToken);
        return new ListConsentHistoryResponse
        {
            CustomerId = page.CustomerId.ToString(),
            Changes = { page.Changes.Select(mapper.Map<Protos.Consent.V1.ConsentChange>) },
            NextPageToken = page.NextPageToken,
        };
    }

    [Authorize(Policy = Policies.ConversationsRead)]
    public override async Task<ListCustomersResponse> ListCustomers(ListCustomersRequest request, ServerCallContext context)
    {
        var page = await sender.Send(
            new ListCustomers(mapper.Map<Model.ConsentPurpose?>(request.Purpose), mapper.Map<Model.ConsentStatus?>(request.Status), request.PageSize, request.PageToken),
            context.CancellationToken);
        return new ListCustomersResponse { Customers = { page.Customers.Select(mapper.Map<CustomerConsent>) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<ConsentSettings> GetConsentSettings(GetConsentSettingsRequest request, ServerCallContext context) =>
        mapper.Map<ConsentSettings>(await sender.Send(new GetConsentSettings(), context.CancellationToken));

    [Authorize(Policy = Policies.ConsentManage)]
    public override async Task<ConsentSettings> UpdateConsentSettings(UpdateConsentSettingsRequest request, ServerCallContext context) =>
        mapper.Map<ConsentSettings>(await sender.Send(
            new UpdateConsentSettings(
                mapper.Map<Model.ConsentKeywordSettings>(request.Settings), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));
}
