// Imported first by the library's entry point, before anything loads cdktf or the provider bindings, so an app on
// unsupported versions sees the supported ranges rather than a missing export or a type mismatch further down.
import { assertSupportedPeerVersions } from "./peer-versions";

assertSupportedPeerVersions();
