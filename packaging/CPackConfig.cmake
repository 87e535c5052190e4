# Debian package (`cpack -G DEB` in a build directory, or `cmake --build BUILD --target package`;
# docs/packaging.md has the whole recipe and the clean-root test, packaging/debootstrap-test.sh).
# Included by the root CMakeLists.txt after every target is defined; the install rules of the
# programs, desktop entry, MIME type, metainfo, icon and examples live next to their targets
# (app/CMakeLists.txt, app/gui/CMakeLists.txt); the package's own documents are installed here.
include(GNUInstallDirs)

# qt_standard_project_setup() gives every executable made after it the install RUNPATH
# "$ORIGIN:$ORIGIN/../lib/x86_64-linux-gnu", for libraries installed beside it. Smolify installs
# none (smolify_core and smolify_ui are static), and in /usr/bin it would only make the loader look
# in /usr/bin first: Debian policy 10.2 asks for no RPATH, so the installed smolify has none.
if(TARGET smolify)
    set_property(TARGET smolify PROPERTY INSTALL_RPATH "")
endif()

set(CPACK_PACKAGE_NAME "smolify")
set(CPACK_PACKAGE_VENDOR "The Smolify developers")
set(CPACK_PACKAGE_CONTACT "Smolify developers <dev@smolify.io>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://smolify.io")
set(CPACK_GENERATOR "DEB")
set(CPACK_STRIP_FILES ON)
# A .deb installs under /usr whatever CMAKE_INSTALL_PREFIX the build directory was configured with.
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The summary above is the first line; these lines are the long description below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Smolify is a desktop workbench (and its headless twin, smolify-cli) that turns\na typed intent into a small language model the user owns: it helps review\ntraining samples, trains a small student model on the CPU and exports it as\none GGUF file that llama.cpp, Ollama and LM Studio load.")
# 0644/0755 and root-owned control files, as dpkg and lintian expect.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Depends on the libraries the programs link: dpkg-shlibdeps reads them from the stripped binaries
# and names each one's Debian package with the version its symbols need (libc6, libstdc++6,
# libgomp1, libopenblas0, libsentencepiece0, libcpp-httplib0.11, libqt6*6, libqt6keychain1 ...),
# so the list cannot fall behind what core/ and ui/ link. A hand-written list had already missed
# libgomp1 and libcpp-httplib0.11 and offered libblas3, which does not provide libopenblas.so.0.
# dpkg-shlibdeps comes with dpkg-dev (build-essential); without it CPack would silently write only
# the hand-written part below.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
find_program(SMOLIFY_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NOT SMOLIFY_DPKG_SHLIBDEPS)
    message(WARNING "dpkg-shlibdeps (package dpkg-dev) is missing: a .deb made here would not "
                    "depend on the libraries smolify links")
endif()
if(SMOLIFY_BUILD_GUI)
    # Loaded at run time, so not seen by dpkg-shlibdeps: the xcb platform plugin that shows the
    # window on an X11 (or XWayland) desktop. libqt6gui6 has only the offscreen and minimal ones.
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins (>= 6.4)")
    # Without these the app still runs: libqt6svg6 lets Qt read the SVG window icon, the l10n
    # package gives Qt's own dialogs (file dialogs, standard buttons) in the user's language, and
    # python3 runs the man-pages example's parser (examples/man-pages/example.json).
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n, python3")
endif()

# What every Debian package carries besides the programs: /usr/share/doc/smolify's copyright file
# and changelog, and a manual page for each program (policy 12.1, 12.7). The changelog and the
# manual pages are gzipped with -9n at install time (no name or time stamp inside the .gz).
set(smolify_pkg_dir "${PROJECT_BINARY_DIR}/packaging")
string(TIMESTAMP smolify_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)  # SOURCE_DATE_EPOCH wins
file(CONFIGURE OUTPUT "${smolify_pkg_dir}/changelog" @ONLY CONTENT
"smolify (@PROJECT_VERSION@) unstable; urgency=medium

  * Built from the Smolify source tree with CPack; its history is in git.

 -- Smolify developers <dev@smolify.io>  @smolify_changelog_date@
")
set(smolify_gzipped "${smolify_pkg_dir}/changelog" "${PROJECT_SOURCE_DIR}/packaging/smolify-cli.1")
if(SMOLIFY_BUILD_GUI)
    list(APPEND smolify_gzipped "${PROJECT_SOURCE_DIR}/packaging/smolify.1")
endif()
foreach(file IN LISTS smolify_gzipped)
    get_filename_component(name "${file}" NAME)
    install(CODE "
        execute_process(COMMAND gzip -9nc \"${file}\" OUTPUT_FILE \"${smolify_pkg_dir}/${name}.gz\"
                        RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
            message(FATAL_ERROR \"gzip ${file} failed\")
        endif()")
    if(name STREQUAL "changelog")
        install(FILES "${smolify_pkg_dir}/${name}.gz" DESTINATION ${CMAKE_INSTALL_DOCDIR})
    else()
        install(FILES "${smolify_pkg_dir}/${name}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endif()
endforeach()
install(FILES "${PROJECT_SOURCE_DIR}/packaging/copyright" DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The few lintian hints that do not apply, each with its reason.
install(FILES "${PROJECT_SOURCE_DIR}/packaging/smolify.lintian-overrides"
        DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME smolify)

include(CPack)
