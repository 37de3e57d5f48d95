# memlineHtmlAssets.cmake — memline_html_assets(VAR): rules that embed the
# style and script of `memline html`'s page (tools/memline/html/) as C
# arrays hta_css and hta_js (cmake/embed.cmake) in the current binary
# directory; VAR gets the generated sources, for the memline command and
# the fuzz harness alike.
set(memline_embed_script ${CMAKE_CURRENT_LIST_DIR}/embed.cmake)
set(memline_html_dir ${CMAKE_CURRENT_LIST_DIR}/../tools/memline/html)

function(memline_html_assets var)
  set(sources)
  foreach(asset css js)
    set(out ${CMAKE_CURRENT_BINARY_DIR}/htmlassets_${asset}.c)
    add_custom_command(
      OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -DIN=${memline_html_dir}/page.${asset} -DOUT=${out}
              -DNAME=hta_${asset} -P ${memline_embed_script}
      DEPENDS ${memline_html_dir}/page.${asset} ${memline_embed_script}
      VERBATIM)
    list(APPEND sources ${out})
  endforeach()
  set(${var} ${sources} PARENT_SCOPE)
endfunction()
