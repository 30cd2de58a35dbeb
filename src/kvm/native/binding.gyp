{
  "targets": [
    {
      "target_name": "kvm_shim",
      "sources": ["kvm_shim.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-Wall", "-Wextra", "-Wno-unused-parameter", "-O2"]
    }
  ]
}
