using global::Grpc.Core;
using MapsterMapper;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using PesanAI.Application.Team;
using PesanAI.Application.Tenants;
using PesanAI.Host.Auth;
using PesanAI.Protos.Tenants.V1;
using Model = PesanAI.Domain.Tenants;
using static PesanAI.Host.Mapping.ProtoMapping;

namespace PesanAI.Host.Services;

/// <summary>pesanai.tenants.v1.TenantService: map the request, send it, map the result. Each method names its policy.</summary>
public sealed class TenantGrpcService(ISender sender, IMapper mapper) : TenantService.TenantServiceBase
{
    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(new CreateTenant(request.DisplayName, request.TimeZone, request.DefaultLanguage), context.CancellationToken));

    [Authorize(Policy = Policies.TenantRead)]
    public override async Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(new GetTenant(request.Id), context.CancellationToken));

    [Authorize(Policy = Policies.Platform)]
    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        var page = await sender.Send(new ListTenants(request.PageSize, request.PageToken), context.CancellationToken);
        var response = new ListTenantsResponse { NextPageToken = page.NextPageToken };
        response.Tenants.AddRange(page.Tenants.Select(mapper.Map<Tenant>));
        return response;
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> UpdateBusinessProfile(UpdateBusinessProfileRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(
            new UpdateBusinessProfile(
                request.TenantId,
                mapper.Map<Model.BusinessProfile>(request.BusinessProfile),
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> RegisterPhoneNumber(RegisterPhoneNumberRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(
            new RegisterPhoneNumber(
                request.TenantId,
                request.PhoneNumberId,
                request.DisplayPhoneNumber,
                request.WabaId,
                request.AccessToken,
                request.AppSecret,
                request.VerifyToken,
                request.Label,
                ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> RemovePhoneNumber(RemovePhoneNumberRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(
            new RemovePhoneNumber(request.TenantId, request.PhoneNumberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Tenant> RefreshPhoneNumberHealth(RefreshPhoneNumberHealthRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(new RefreshPhoneNumberHealth(request.TenantId, request.PhoneNumberId), context.CancellationToken));

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> SuspendTenant(SuspendTenantRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(
            new SuspendTenant(request.Id, request.Reason, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.Platform)]
    public override async Task<Tenant> ReactivateTenant(ReactivateTenantRequest request, ServerCallContext context) =>
        mapper.Map<Tenant>(await sender.Send(
            new ReactivateTenant(request.Id, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Member> AddMember(AddMemberRequest request, ServerCallContext context) =>
        mapper.Map<Member>(await sender.Send(
            new AddMember(request.TenantId, request.DisplayName, request.Email, mapper.Map<Model.MemberRole?>(request.Role), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Member> ChangeMemberRole(ChangeMemberRoleRequest request, ServerCallContext context) =>
        mapper.Map<Member>(await sender.Send(
            new ChangeMemberRole(request.TenantId, request.MemberId, mapper.Map<Model.MemberRole?>(request.Role), ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<RemoveMemberResponse> RemoveMember(RemoveMemberRequest request, ServerCallContext context)
    {
        var removal = await sender.Send(
            new RemoveMember(request.TenantId, request.MemberId, ExpectedVersion(request.HasExpectedVersion, request.ExpectedVersion)),
            context.CancellationToken);
        return new RemoveMemberResponse { RevokedClientIds = { removal.RevokedClientIds }, Version = removal.Version };
    }

    [Authorize(Policy = Policies.TenantRead)]
    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var team = await sender.Send(new ListMembers(request.TenantId), context.CancellationToken);
        return new ListMembersResponse { Members = { team.Members.Select(mapper.Map<Member>) } };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<CreateCredentialResponse> CreateCredential(CreateCredentialRequest request, ServerCallContext context)
    {
        var issued = await sender.Send(
            new CreateCredential(request.TenantId, mapper.Map<Model.CredentialKind?>(request.Kind), request.MemberId, mapper.Map<Model.MemberRole?>(request.Role), [.. request.Scopes], request.DisplayName),
            context.CancellationToken);
        return new CreateCredentialResponse { Credential = mapper.Map<Credential>(issued.Credential), ClientSecret = issued.ClientSecret };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<ListCredentialsResponse> ListCredentials(ListCredentialsRequest request, ServerCallContext context)
    {
        var credentials = await sender.Send(new ListCredentials(request.TenantId), context.CancellationToken);
        return new ListCredentialsResponse { Credentials = { credentials.Select(mapper.Map<Credential>) } };
    }

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<Credential> RevokeCredential(RevokeCredentialRequest request, ServerCallContext context) =>
        mapper.Map<Credential>(await sender.Send(new RevokeCredential(request.TenantId, request.ClientId, request.Reason), context.CancellationToken));

    [Authorize(Policy = Policies.TenantManage)]
    public override async Task<RotateCredentialSecretResponse> RotateCredentialSecret(RotateCredentialSecretRequest request, ServerCallContext context)
    {
        var issued = await sender.Send(new RotateCredentialSecret(request.TenantId, request.ClientId), context.CancellationToken);
        return new RotateCredentialSecretResponse { Credential = mapper.Map<Credential>(issued.Credential), ClientSecret = issued.ClientSecret };
    }
}
