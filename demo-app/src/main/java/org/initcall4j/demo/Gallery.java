package org.initcall4j.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The gallery index page: one entry per picture, with its thumbnail and signature. */
final class Gallery {
  private Gallery() {}

  static String html(List<Path> pictures) {
    StringBuilder page = new StringBuilder(256 + 200 * pictures.size())
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>camera gallery"
            + "</title></head>\n<body>\n<h1>")
        .append(pictures.size()).append(pictures.size() == 1 ? " picture" : " pictures")
        .append("</h1>\n<p><a href=\"/").append(Crypto.PUBLIC_KEY)
        .append("\">public key</a></p>\n<ul>\n");
    for (Path picture : pictures) {
      String name = picture.getFileName().toString();
      page.append("<li><a href=\"/").append(Storage.PICTURES).append('/').append(name)
          .append("\"><img src=\"/").append(Thumbnails.DIR).append('/').append(name)
          .append("\" width=\"").append(Thumbnails.WIDTH).append("\" height=\"")
          .append(Thumbnails.HEIGHT).append("\" alt=\"").append(name).append("\"> ")
          .append(name).append("</a>");
      if (Files.exists(Crypto.signatureOf(picture))) {
        String signature = Crypto.signatureOf(picture).getFileName().toString();
        page.append(" <a href=\"/").append(Storage.PICTURES).append('/').append(signature)
            .append("\">signed</a>");
      }
      page.append("</li>\n");
    }
    return page.append("</ul>\n</body></html>\n").toString();
  }
}
