package io.redisscale.collector;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The Heroku Platform API calls of the collector; answers are read raw to see the status. */
@RegisterRestClient(configKey = "heroku")
@ClientHeaderParam(name = "Accept", value = "application/vnd.heroku+json; version=3")
interface HerokuApi {

    @GET
    @Path("/apps/{app}/addons")
    Response listAddons(@HeaderParam("Authorization") String authorization, @PathParam("app") String app);

    @GET
    @Path("/apps/{app}/addons/{addon}")
    Response addon(@HeaderParam("Authorization") String authorization, @PathParam("app") String app,
                   @PathParam("addon") String addonId);

    @GET
    @Path("/apps/{app}/config-vars")
    Response configVars(@HeaderParam("Authorization") String authorization, @PathParam("app") String app);
}
